/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WASM packages that must be loaded by Node at run time, not bundled by Turbopack.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "@node-rs/argon2", "socket.io", "pg"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // `npm run dev` is opened as localhost or 127.0.0.1 alike; Next blocks its dev resources (and
  // so every page's JavaScript) for any other origin than the one it was started on.
  allowedDevOrigins: ["localhost", "127.0.0.1", "[::1]"],
};

export default nextConfig;
