"use client";

import { FileDown, Printer } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * Print goes through the print stylesheet (globals.css); the PDF is a file made on the server from
 * the same figures (app/api/s/[orgId]/overview.pdf).
 */
export function PrintButtons({ printLabel, pdfLabel, pdfHint, pdfHref }: { printLabel: string; pdfLabel: string; pdfHint: string; pdfHref: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-print="hide">
      <Button variant="outline" onClick={() => window.print()} data-testid="print">
        <Printer className="size-4" aria-hidden />
        {printLabel}
      </Button>
      <Button asChild>
        <a href={pdfHref} download title={pdfHint} data-testid="download-pdf">
          <FileDown className="size-4" aria-hidden />
          {pdfLabel}
        </a>
      </Button>
    </div>
  );
}
