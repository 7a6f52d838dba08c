/** @type {import('next').NextConfig} */
const nextConfig = {
  // Metadata (canonical, hreflang, Open Graph) in <head> for every reader, not streamed into <body>.
  htmlLimitedBots: /.*/,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
