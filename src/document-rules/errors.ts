import { errors } from '@strapi/utils';

/**
 * A 400 naming the field, in the same shape as Strapi's own validation errors
 * (`error.details.errors[].path`), so clients and the admin show it next to the field.
 */
export function fieldError(
  field: string,
  message: string,
  value?: unknown
): errors.ValidationError {
  return new errors.ValidationError(message, {
    errors: [{ path: [field], message, name: 'ValidationError', value }],
  });
}
