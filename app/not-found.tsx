import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>
        There is no page or region at this address. <Link href="/">See all figures</Link>.
      </p>
    </>
  );
}
