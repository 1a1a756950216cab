// A link to a page of the app: a real link (it opens in a new tab, and can be copied), followed in the page
// without reloading on a plain click.

import type { ComponentPropsWithRef } from 'react';
import { navigate } from '../router.js';

export function Link({ href, onClick, children, ...rest }: ComponentPropsWithRef<'a'> & { href: string }) {
  return (
    <a
      href={href}
      {...rest}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
