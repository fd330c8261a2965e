import { DashboardView } from "@/components/dashboard/DashboardView";
import { getDatabase } from "@/db/client";
import { getDashboardData } from "@/db/queries/dashboard";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const database = await getDatabase();
  const data = await getDashboardData(database, params);
  return <DashboardView data={data} action="/" title="People affected, by metric and place" />;
}
