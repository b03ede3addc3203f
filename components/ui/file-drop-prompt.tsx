import { UploadIcon } from "./icons";

/**
 * The inside of a file drop zone: an upload icon and "Arraste … ou escolha um arquivo", the last
 * words a button that opens the file picker (react-dropzone's `open`), or the drop text while a
 * file is dragged over.
 */
export function FileDropPrompt({
  isDragActive,
  onChoose,
  dropText,
  dropActiveText,
  chooseText,
}: {
  isDragActive: boolean;
  onChoose: () => void;
  dropText: string;
  dropActiveText: string;
  chooseText: string;
}) {
  return (
    <>
      <UploadIcon className="size-7 text-accent-300" />
      <p className="text-sm text-slate-200">
        {isDragActive ? (
          dropActiveText
        ) : (
          <>
            {dropText}{" "}
            <button
              type="button"
              onClick={onChoose}
              className="font-medium text-accent-300 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-400"
            >
              {chooseText}
            </button>
          </>
        )}
      </p>
    </>
  );
}
