import { useMemo } from 'react';
import { useAssets } from '../assets/use-assets';
import { viewerZone, type ViewerZone } from './viewer-zone';

// UTC, labelled, until the sites are known.
export function useViewerZone(): ViewerZone {
  const assets = useAssets();
  return useMemo(
    () =>
      assets.status === 'success'
        ? viewerZone(assets.assets)
        : { timeZone: 'UTC', utcBecause: 'your sites are not loaded' },
    [assets],
  );
}
