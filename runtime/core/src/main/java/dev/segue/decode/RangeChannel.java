package dev.segue.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only channel over {@code length} bytes of a file from {@code offset}: a stored jar entry read in place. */
final class RangeChannel implements SeekableByteChannel {
    private final FileChannel file;
    private final long offset;
    private final long length;
    private long position;

    RangeChannel(FileChannel file, long offset, long length) {
        this.file = file;
        this.offset = offset;
        this.length = length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!file.isOpen()) {
            throw new ClosedChannelException();
        }
        if (position >= length) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), length - position);
        int limit = dst.limit();
        ((java.nio.Buffer) dst).limit(dst.position() + want);
        try {
            int n = file.read(dst, offset + position);
            if (n > 0) {
                position += n;
            }
            return n;
        } finally {
            ((java.nio.Buffer) dst).limit(limit);
        }
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long p) {
        if (p < 0) {
            throw new IllegalArgumentException("position " + p);
        }
        position = p;
        return this;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
