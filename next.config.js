/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WASM packages that must be loaded by Node at run time, not bundled by Turbopack.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2", "socket.io", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
