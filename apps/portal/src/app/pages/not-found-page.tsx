import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from '../shell/page-title';

export function NotFoundPage() {
  return (
    <Stack>
      <PageTitle>Page not found</PageTitle>
      <Text>
        There is nothing at this address.{' '}
        <Anchor component={Link} to="/">
          Go to your sites
        </Anchor>
        .
      </Text>
    </Stack>
  );
}
