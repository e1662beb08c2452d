/** A file's identity as it travels: its transfer's id and what the sender's File says. */
export interface FileMeta {
  id: string;
  name: string;
  size: number;
  type: string;
  lastModified: number;
  /** Where the file sits in a folder sent whole: "/"-separated, its own name last. */
  path?: string;
}
