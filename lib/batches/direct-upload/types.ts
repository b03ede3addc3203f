/** The answer to POST /api/v1/batches/{id}/direct-uploads: read by the browser's direct transport. */
export type DirectUploadGrant =
  | {
      status: "ready";
      uploadId: string;
      /** Where the browser PUTs the file: chosen here, never by the browser. */
      pathname: string;
      clientToken: string;
      access: "private" | "public";
      contentType: string;
      /** The Blob API's address when it is not Vercel's own (VERCEL_BLOB_API_URL on the server). */
      apiUrl?: string;
      /** Handed back to POST …/direct-uploads/complete once the PUT succeeded. */
      ticket: string;
    }
  | { status: "already_uploaded"; uploadId: string; imageId: string };
