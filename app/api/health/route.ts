import { getDatabase, pingDatabase } from "@/db/client";

export const dynamic = "force-dynamic";

/** 200 when the database answers, 503 with the reason when it does not (for load balancers and humans). */
export async function GET() {
  try {
    const database = getDatabase();
    await pingDatabase(database.db);
    return Response.json({ status: "ok", database: { driver: database.driver, reachable: true } });
  } catch (error) {
    return Response.json(
      {
        status: "unavailable",
        database: { reachable: false, error: error instanceof Error ? error.message : "unknown error" },
      },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
}
