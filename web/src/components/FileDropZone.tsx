/**
 * KRDS file upload's drop zone: a 파일 선택 button for everyone and dropping files as a shortcut for mouse
 * users. It hands over the chosen files and clears its input so the same file can be chosen again.
 */
import { type DragEvent, type ReactNode, useRef, useState } from 'react';

export function FileDropZone({
  inputId,
  inputLabel,
  accept,
  multiple = false,
  disabled = false,
  onFiles,
  children,
}: {
  inputId: string;
  /** The hidden input's accessible name (e.g. 첨부할 파일). */
  inputLabel: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  onFiles: (files: File[]) => void;
  /** What the zone says: what to drop, which types, how large. */
  children: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const hand = (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (input.current) input.current.value = '';
    if (files.length > 0) onFiles(files);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) hand(event.dataTransfer.files);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping files is a shortcut for mouse users; the button is the way for everyone
    <div
      className={`file-upload${dragging ? ' is-dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <p className="txt">{children}</p>
      <div className="file-upload-btn-wrap">
        <input
          type="file"
          id={inputId}
          ref={input}
          accept={accept}
          multiple={multiple}
          hidden
          aria-label={inputLabel}
          onChange={(e) => hand(e.target.files)}
        />
        <button type="button" className="krds-btn medium" disabled={disabled} onClick={() => input.current?.click()}>
          <i className="svg-icon ico-upload" aria-hidden="true" />
          파일 선택
        </button>
      </div>
    </div>
  );
}
