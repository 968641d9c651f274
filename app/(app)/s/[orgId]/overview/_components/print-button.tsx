"use client";

import { FileDown, Printer } from "lucide-react";
import { Button } from "@/components/ui/button";

/**
 * Printing and the PDF both go through the browser's print dialog and the print stylesheet
 * (globals.css): no PDF library, and the PDF is exactly what the page shows.
 */
export function PrintButtons({ printLabel, pdfLabel, pdfHint }: { printLabel: string; pdfLabel: string; pdfHint: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-print="hide">
      <Button variant="outline" onClick={() => window.print()} data-testid="print">
        <Printer className="size-4" aria-hidden />
        {printLabel}
      </Button>
      <Button onClick={() => window.print()} title={pdfHint} data-testid="download-pdf">
        <FileDown className="size-4" aria-hidden />
        {pdfLabel}
      </Button>
    </div>
  );
}
