import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "Tributary" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header>
          <strong>Tributary</strong>
          <nav aria-label="Main" style={{ display: "flex", gap: "1rem" }}>
            <a href="/">Sources</a>
            <a href="/connect">Connect</a>
            <a href="/search">Search</a>
            <a href="/activity">Activity</a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
