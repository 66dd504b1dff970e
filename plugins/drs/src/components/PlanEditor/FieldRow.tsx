import { Children, isValidElement, ReactNode } from 'react';
import { Box } from '@material-ui/core';

/** Form fields side by side, sharing the width, and wrapping onto more lines on a narrow screen. */
export function FieldRow({ children }: { children: ReactNode }) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-start"
      my={1}
      style={{ gap: 16 }}
    >
      {Children.toArray(children).map((child, i) => (
        <Box key={isValidElement(child) ? child.key : i} flex="1 1 240px">
          {child}
        </Box>
      ))}
    </Box>
  );
}
