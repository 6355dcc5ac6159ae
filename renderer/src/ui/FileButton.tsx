import { forwardRef, type ReactNode } from 'react';

interface FileButtonProps {
  /** The button's text, in the desk's language. */
  children: ReactNode;
  accept: string;
  disabled?: boolean;
  primary?: boolean;
  onFile: (file: File | undefined) => void;
  testId: string;
}

/**
 * A button that opens the file chooser. The native file button speaks the browser's language, not the
 * desk's: it is hidden, and the label is the button. The input is emptied after each choice, so choosing
 * the same file again (importing a bundle twice) is seen.
 */
export const FileButton = forwardRef<HTMLInputElement, FileButtonProps>(function FileButton({ children, accept, disabled = false, primary = false, onFile, testId }, ref) {
  return (
    <label className={`button${primary ? ' primary' : ''} file-input${disabled ? ' disabled' : ''}`}>
      {children}
      <input
        ref={ref}
        className="visually-hidden"
        type="file"
        accept={accept}
        disabled={disabled}
        onChange={(event) => {
          onFile(event.target.files?.[0]);
          event.target.value = '';
        }}
        data-testid={testId}
      />
    </label>
  );
});
