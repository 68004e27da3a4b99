package dev.deployc.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** An I/O failure in words: the file and why. The JDK's own message for many of them is only the path. */
final class IoProblems {

    private IoProblems() {}

    static String describe(IOException e) {
        if (!(e instanceof FileSystemException f) || f.getFile() == null) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String why;
        if (e instanceof AccessDeniedException) why = "permission denied";
        else if (f.getReason() != null) why = f.getReason();
        else if (e instanceof NoSuchFileException) why = "no such file or directory";
        else if (e instanceof NotDirectoryException) why = "not a directory";
        else if (e instanceof FileAlreadyExistsException) why = "already exists";
        else if (e instanceof DirectoryNotEmptyException) why = "directory not empty";
        else why = "cannot be used";
        return "`" + shown(f.getFile()) + "`" + (f.getOtherFile() != null ? " -> `" + shown(f.getOtherFile()) + "`" : "") + ": " + why;
    }

    private static String shown(String file) {
        try {
            return Reporter.shown(java.nio.file.Path.of(file));
        } catch (java.nio.file.InvalidPathException e) {
            return file;
        }
    }
}
