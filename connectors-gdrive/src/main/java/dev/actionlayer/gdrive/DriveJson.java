package dev.actionlayer.gdrive;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import dev.actionlayer.Folder;
import dev.actionlayer.spi.Json;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Moshi shapes of the Drive success bodies the connector reads; unknown members are skipped. The
 * records are public only because Moshi's record adapter requires it; the enclosing class keeps
 * them out of the API.
 */
final class DriveJson {
  static final String FOLDER_MIME_TYPE = "application/vnd.google-apps.folder";

  /** A Drive {@code File}, reduced to the {@code fields} the connector asks for. */
  public record File(String id, String name, String mimeType, List<String> parents, Boolean trashed,
      Map<String, String> appProperties, String webViewLink) {}

  /** The answer to {@code files.list}: its files, and the next page's token (absent on the last). */
  public record FileList(List<File> files, String nextPageToken) {}

  /** The answer to {@code files.generateIds}. */
  public record GeneratedIds(String kind, String space, List<String> ids) {}

  private static final JsonAdapter<File> FILE = Json.MOSHI.adapter(File.class);
  private static final JsonAdapter<FileList> FILE_LIST = Json.MOSHI.adapter(FileList.class);
  private static final JsonAdapter<GeneratedIds> GENERATED_IDS = Json.MOSHI.adapter(GeneratedIds.class);

  private DriveJson() {}

  /**
   * Reads a {@code File}; Moshi's unchecked data errors become {@link IOException}s, the one way
   * the SPI lets a reader say "unreadable".
   *
   * @throws IOException when the text is not a File with an id
   */
  static File file(String json) throws IOException {
    File file;
    try {
      file = FILE.fromJson(json);
    } catch (JsonDataException e) {
      throw new IOException("not a Drive file: " + e.getMessage(), e);
    }
    if (file == null || file.id() == null || file.id().isBlank()) {
      throw new IOException("Drive file has no id");
    }
    return file;
  }

  /**
   * Reads a {@code files.list} answer. Drive sends {@code "files": []} when nothing matches, so a
   * body without the array is not Drive's list and must not pass for "no such file".
   *
   * @throws IOException when the text is not a file list
   */
  static List<File> files(String json) throws IOException {
    return fileList(json).files();
  }

  /**
   * Reads a {@code files.list} answer with its page token.
   *
   * @throws IOException when the text is not a file list
   */
  static FileList fileList(String json) throws IOException {
    FileList list;
    try {
      list = FILE_LIST.fromJson(json);
    } catch (JsonDataException e) {
      throw new IOException("not a Drive file list: " + e.getMessage(), e);
    }
    if (list == null || list.files() == null) throw new IOException("Drive file list has no files array");
    return list;
  }

  /** @throws IOException when the text is not a {@code drive#generatedIds} answer */
  static GeneratedIds generatedIds(String json) throws IOException {
    try {
      GeneratedIds ids = GENERATED_IDS.fromJson(json);
      if (ids == null || ids.ids() == null) throw new IOException("generateIds answer has no ids");
      return ids;
    } catch (JsonDataException e) {
      throw new IOException("not a generateIds answer: " + e.getMessage(), e);
    }
  }

  static boolean isFolder(File file) {
    return FOLDER_MIME_TYPE.equals(file.mimeType());
  }

  static boolean isTrashed(File file) {
    return Boolean.TRUE.equals(file.trashed());
  }

  /**
   * The canonical folder; Drive lists one parent per file (none for a shared drive's root), and
   * its {@code webViewLink} is where a person opens the folder.
   */
  static Folder folder(File file, String fallbackName, String fallbackParent) {
    String name = file.name() != null ? file.name() : fallbackName;
    List<String> parents = file.parents();
    String parent = parents != null && !parents.isEmpty() ? parents.get(0) : fallbackParent;
    return new Folder(file.id(), name, parent, file.webViewLink(), Map.of());
  }
}
