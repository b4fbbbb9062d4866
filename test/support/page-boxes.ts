import { type Page } from 'playwright-core';

export interface Box {
  top: number;
  bottom: number;
  height: number;
  width: number;
}

// The project compiles without the DOM types; this is all the page code below needs of them.
interface Measurable {
  getBoundingClientRect(): Box;
}

/** Where every element matching `selector` sits on the page, in CSS pixels. */
export function boxesOf(page: Page, selector: string): Promise<Box[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => {
      const r = (element as unknown as Measurable).getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: r.height, width: r.width };
    }),
  );
}
