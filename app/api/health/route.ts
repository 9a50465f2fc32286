import { getDatabase, pingDatabase } from "@/db/client";
import { describeError } from "@/lib/log/describe-error";
import { getAdapterHealth } from "@/lib/realtime/live-server";

export const dynamic = "force-dynamic";

const unavailable = { status: 503, headers: { "Retry-After": "5" } };

/**
 * 200 when the database answers and this instance hears the others; 503 with the reason when
 * not (for load balancers and humans). An instance cut off from the others still serves pages,
 * but its readers miss what is written elsewhere, so it reports itself degraded.
 */
export async function GET() {
  const realtime = getAdapterHealth();
  try {
    const database = getDatabase();
    await pingDatabase(database.db);
    const body = { database: { driver: database.driver, reachable: true }, realtime };
    if (realtime && !realtime.connected) return Response.json({ status: "degraded", ...body }, unavailable);
    return Response.json({ status: "ok", ...body });
  } catch (error) {
    return Response.json(
      { status: "unavailable", database: { reachable: false, error: describeError(error) }, realtime },
      unavailable,
    );
  }
}
