import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { DashboardView } from "@/components/dashboard/DashboardView";
import { RegionNav } from "@/components/dashboard/RegionNav";
import { getDatabase } from "@/db/client";
import { getDashboardData } from "@/db/queries/dashboard";
import { getRegionBreakdown, getRegionPath } from "@/db/queries/regions";

type Params = Promise<{ code: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { code } = await params;
  const path = await getRegionPath(await getDatabase(), code.toUpperCase());
  const region = path[path.length - 1];
  return { title: region ? region.name : "Region not found" };
}

export default async function RegionPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { code: rawCode } = await params;
  const code = decodeURIComponent(rawCode).toUpperCase();
  const database = await getDatabase();
  const path = await getRegionPath(database, code);
  const region = path[path.length - 1];
  if (!region || region.code !== code) notFound();

  const [data, below] = await Promise.all([
    getDashboardData(database, await searchParams, { scope: code }),
    getRegionBreakdown(database, code),
  ]);

  return (
    <DashboardView
      data={data}
      action={`/regions/${code}`}
      title={region.name}
      scopeName={region.name}
      scopeCode={code}
    >
      <RegionNav path={path} below={below} />
    </DashboardView>
  );
}
