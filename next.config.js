/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native drivers stay outside the server bundle and are loaded with Node's require.
  serverExternalPackages: ["better-sqlite3", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
