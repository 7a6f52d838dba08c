/** What the queue and log tabs show before, instead of, and below their tables. */

import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { Pagination } from '@strapi/strapi/admin';
import type { ModerationPageMeta } from '../../../shared/contracts';

export const ListLoading = ({ label }: { label: string }) => (
  <Flex justifyContent="center" padding={8}>
    <Loader>{label}</Loader>
  </Flex>
);

export const ListMessage = ({
  message,
  error = false,
  testId,
}: {
  message: string;
  error?: boolean;
  testId?: string;
}) => (
  <Box padding={8} background="neutral0" hasRadius shadow="tableShadow" data-testid={testId}>
    <Typography textColor={error ? 'danger600' : 'neutral600'}>{message}</Typography>
  </Box>
);

/** Strapi's list pagination: `page` and `pageSize` in the address. */
export const ListPagination = ({ meta }: { meta: ModerationPageMeta }) => (
  <Pagination.Root
    pageCount={Math.max(1, Math.ceil(meta.total / meta.pageSize))}
    total={meta.total}
    defaultPageSize={meta.pageSize}
  >
    <Pagination.PageSize />
    <Pagination.Links />
  </Pagination.Root>
);
