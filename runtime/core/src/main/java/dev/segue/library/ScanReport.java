package dev.segue.library;

import java.util.List;

/**
 * What a scan found.
 *
 * @param songs     every playable song under the scanned folders, sorted by path
 * @param skipped   every file and folder passed over, with its reason, sorted by path
 * @param added     songs new since the previous scan
 * @param changed   songs whose size or modification time changed, read again
 * @param removed   songs of the previous scan no longer found
 * @param reused    files taken from the index unchanged, without opening them
 * @param cancelled true if the scan was cancelled: then {@code songs} holds what was known so far and
 *                  nothing was removed from the index
 * @param seconds   wall-clock time the scan took
 */
public record ScanReport(List<Song> songs, List<Skipped> skipped, int added, int changed, int removed, int reused,
        boolean cancelled, double seconds) {
    /** Copies the lists. */
    public ScanReport {
        songs = List.copyOf(songs);
        skipped = List.copyOf(skipped);
    }
}
