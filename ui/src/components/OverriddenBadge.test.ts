import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import OverriddenBadge from './OverriddenBadge.svelte';

const resolved = { prompt: 'close on the lamp', duration_s: 10, aspect: '16:9', resolution: '1080p', audio: false };

describe('OverriddenBadge', () => {
  it('names each overridden field with the value the clip ran with', () => {
    render(OverriddenBadge, { resolved: { ...resolved, overridden: ['prompt', 'duration', 'audio'] } });
    expect(screen.getByTestId('overridden-badge')).toHaveTextContent('overridden: prompt, duration 10 s, audio off');
    expect(screen.getByTestId('overridden-badge')).toHaveAttribute('title', 'Prompt for this model: close on the lamp');
  });

  it('says nothing for a clip that ran with the run’s values', () => {
    render(OverriddenBadge, { resolved });
    expect(screen.queryByTestId('overridden-badge')).toBeNull();
  });
});
