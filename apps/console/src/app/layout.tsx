import type { ReactNode } from "react";
import "./globals.css";

export const metadata = { title: "Tributary" };

const NAV = [
  { href: "/", label: "Sources" },
  { href: "/connect", label: "Connect" },
  { href: "/search", label: "Search" },
  { href: "/activity", label: "Activity" },
];

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header>
          <strong>Tributary</strong>
          <nav aria-label="Main" style={{ display: "flex", gap: "1rem" }}>
            {NAV.map((item) => (
              <a key={item.href} href={item.href}>
                {item.label}
              </a>
            ))}
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
