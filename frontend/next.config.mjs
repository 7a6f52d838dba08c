/** @type {import('next').NextConfig} */
const nextConfig = {
  // Metadata (canonical, hreflang, Open Graph) in <head> for every reader, not streamed into <body>.
  htmlLimitedBots: /.*/,
  poweredByHeader: false,
  reactStrictMode: true,
  // `next dev` writes no AGENTS.md or upgrade notes into the repository.
  agentRules: false,
  experimental: { agentUpgrade: false },
};

export default nextConfig;
