/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native drivers stay outside the server bundle and are loaded with Node's require.
  serverExternalPackages: ["better-sqlite3", "pg"],
  // Type checking is its own step (npm run typecheck, first in npm test); the build would repeat it over
  // the whole project, doubling `npm start`'s first build on a small machine.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
