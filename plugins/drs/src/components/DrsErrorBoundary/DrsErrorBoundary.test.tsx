import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { DrsErrorBoundary } from './DrsErrorBoundary';

describe('DrsErrorBoundary', () => {
  it('shows what broke with a retry that mounts the view again', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {});
    let broken = true;
    function Fragile() {
      if (broken) {
        throw new Error(
          "Cannot read properties of undefined (reading 'waves')",
        );
      }
      return <div>Recovered view</div>;
    }
    await renderInTestApp(
      <DrsErrorBoundary>
        <Fragile />
      </DrsErrorBoundary>,
    );
    expect(
      (await screen.findAllByText(/reading 'waves'/)).length,
    ).toBeGreaterThan(0);
    broken = false;
    fireEvent.click(screen.getByText('Retry'));
    expect(await screen.findByText('Recovered view')).toBeInTheDocument();
  });
});
