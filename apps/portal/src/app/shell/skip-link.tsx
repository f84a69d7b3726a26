import { Button } from '@mantine/core';
import classes from './skip-link.module.css';

// "#main" would be a route in a hash-routed app, so the link moves focus to the page's heading
// itself instead of navigating.
export function SkipLink() {
  return (
    <Button
      component="a"
      href="#main"
      className={classes.skip}
      onClick={(event) => {
        event.preventDefault();
        document.querySelector<HTMLElement>('#main h1')?.focus();
      }}
    >
      Skip to content
    </Button>
  );
}
