/**
 * Extensions of ordinary files (documents, images, archives, databases, virtual disks): they name
 * what was encrypted, never the encryptor, wherever they turn up (a victim's file name, a galaxy
 * description that lists the files a family goes after).
 */
export const ORDINARY_FILE_TYPES: ReadonlySet<string> = new Set(
  `doc docx xls xlsx ppt pptx pdf txt rtf odt ods md jpg jpeg png gif bmp tif tiff mp3 mp4 avi mov zip rar
  7z tar gz iso sql mdf bak db vmdk vmsn vswp vmx vmem nvram vhd vhdx html htm csv xml json exe dll log ini hta php js py cmd bat ps1`.split(
    /\s+/,
  ),
);
