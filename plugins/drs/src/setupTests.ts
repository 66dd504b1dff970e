import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// ByRole queries otherwise compute every element's visibility, which takes seconds on
// Backstage tables; the tests find elements by accessible name, which stays meaningful.
configure({ defaultHidden: true });

// Rendering Backstage and Material UI components in jsdom is slow on a busy CI machine.
jest.setTimeout(60_000);
