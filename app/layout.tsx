import Link from "next/link";
import type { Metadata } from "next";
import type { ReactNode } from "react";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keyfigures", template: "%s · Keyfigures" },
  description:
    "Counts of people affected by crises, read from humanitarian reports, each with its source sentence.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link className="site-name" href="/">
            Keyfigures
          </Link>
          <p className="site-tagline">
            People affected, as the reports say it — every number with its source.
          </p>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
