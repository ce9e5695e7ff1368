using System;
using System.Buffers;
using System.IO;
using System.Text.Unicode;

namespace Calcore.Ics.Internal;

/// <summary>Splits input into logical content lines (RFC 5545 §3.1): physical lines end with CRLF, LF or CR, and a
/// physical line that starts with a space or a tab continues the one before (the space or tab is dropped). Keeps the
/// physical line and the start of every piece, so a position in a logical line maps back to a line and column of the
/// file. Not thread-safe.</summary>
internal abstract class IcsLineSource
{
    /// <summary>The current logical line.</summary>
    internal abstract ReadOnlySpan<char> Current { get; }

    /// <summary>The physical line where the current logical line starts.</summary>
    internal abstract int FirstLine { get; }

    /// <summary>The last physical line read so far.</summary>
    internal abstract int LastLine { get; }

    /// <summary>Whether a line ended with a bare LF or CR instead of CRLF since the last call (cleared on read).</summary>
    internal abstract bool TakeBareLineBreak();

    /// <summary>Whether the current line held invalid UTF-8 (replaced by U+FFFD).</summary>
    internal virtual bool CurrentHadInvalidUtf8 => false;

    /// <summary>Moves to the next logical line; false at the end of the input.</summary>
    internal abstract bool MoveNext();

    /// <summary>The physical line and one-based column of a character offset in the current logical line.</summary>
    internal abstract (int Line, int Column) Locate(int offset);

    internal static IcsLineSource FromString(string text) => new CharLineSource(text);

    internal static IcsLineSource FromReader(TextReader reader) => new CharLineSource(reader);

    internal static IcsLineSource FromStream(Stream stream) => new Utf8LineSource(stream);
}

/// <summary>The splitter shared by text and bytes: <typeparamref name="T"/> is <see cref="char"/> or <see cref="byte"/>.
/// A refillable source reads in chunks into one buffer that grows only for a logical line longer than it; the scan of a
/// long line resumes where it stopped, so reading is linear in the input.</summary>
internal abstract class LineSplitter<T> : IcsLineSource
    where T : unmanaged, IEquatable<T>
{
    private const int ChunkSize = 64 * 1024;

    private readonly T _cr;
    private readonly T _lf;
    private readonly T _space;
    private readonly T _tab;

    private ReadOnlyMemory<T> _data;
    private T[]? _array;
    private int _pos;
    private int _end;
    private bool _eof;
    private bool _started;
    private int _nextLine = 1;
    private bool _bareLineBreak;

    // The pieces of the current logical line: start (in _data) and length of each physical line's content, without
    // the leading space or tab of a continuation.
    private int[] _segStart = new int[8];
    private int[] _segLength = new int[8];
    private int _segCount;
    private int _firstLine;

    private T[] _scratch = [];

    protected LineSplitter(ReadOnlyMemory<T> whole, T cr, T lf, T space, T tab)
        : this(cr, lf, space, tab)
    {
        _data = whole;
        _end = whole.Length;
        _eof = true;
    }

    protected LineSplitter(T cr, T lf, T space, T tab)
    {
        _cr = cr;
        _lf = lf;
        _space = space;
        _tab = tab;
    }

    internal sealed override int FirstLine => _firstLine;

    internal sealed override int LastLine => _nextLine - 1;

    internal sealed override bool TakeBareLineBreak()
    {
        bool b = _bareLineBreak;
        _bareLineBreak = false;
        return b;
    }

    /// <summary>Number of pieces of the current logical line.</summary>
    protected int SegmentCount => _segCount;

    /// <summary>The content of one piece of the current logical line.</summary>
    protected ReadOnlySpan<T> Segment(int i) => _data.Span.Slice(_segStart[i], _segLength[i]);

    /// <summary>Reads more input into <paramref name="destination"/> (one read of the source); 0 at the end.</summary>
    protected abstract int Fill(Span<T> destination);

    /// <summary>The length of the byte order mark that starts the input, or 0.</summary>
    protected abstract int ByteOrderMarkLength(ReadOnlySpan<T> start);

    private bool _lineInScratch;
    private int _lineLength;

    /// <summary>The current logical line: a slice of the buffer when it has one piece, else the pieces joined in a
    /// scratch buffer.</summary>
    protected ReadOnlySpan<T> Logical => _lineInScratch ? _scratch.AsSpan(0, _lineLength) : _segCount == 0 ? default : Segment(0);

    /// <summary>Reads the next logical line (see <see cref="Logical"/>).</summary>
    protected bool NextLogical()
    {
        if (!_started)
        {
            _started = true;
            while (_end - _pos < 3 && !_eof)
            {
                Refill(_pos);
            }
            _pos += ByteOrderMarkLength(_data.Span[_pos.._end]);
        }
        _segCount = 0;
        int scanned = 0; // content of the current physical line already searched for CR/LF
        int logicalStart = _pos;
        _firstLine = _nextLine;
        while (true)
        {
            int lineStart = _pos;
            if (_segCount > 0)
            {
                lineStart++; // the space or tab of a continuation line
            }
            ReadOnlySpan<T> rest = _data.Span[(lineStart + scanned).._end];
            int idx = rest.IndexOfAny(_cr, _lf);
            int contentEnd;
            int next;
            if (idx < 0)
            {
                if (!_eof)
                {
                    scanned = _end - lineStart;
                    int shift = Refill(logicalStart);
                    logicalStart -= shift;
                    continue;
                }
                if (_pos == _end && _segCount == 0)
                {
                    _lineInScratch = false;
                    return false;
                }
                contentEnd = _end;
                next = _end;
            }
            else
            {
                contentEnd = lineStart + scanned + idx;
                if (_data.Span[contentEnd].Equals(_cr))
                {
                    if (contentEnd + 1 == _end && !_eof)
                    {
                        scanned = contentEnd - lineStart;
                        int shift = Refill(logicalStart);
                        logicalStart -= shift;
                        continue;
                    }
                    if (contentEnd + 1 < _end && _data.Span[contentEnd + 1].Equals(_lf))
                    {
                        next = contentEnd + 2;
                    }
                    else
                    {
                        next = contentEnd + 1;
                        _bareLineBreak = true;
                    }
                }
                else
                {
                    next = contentEnd + 1;
                    _bareLineBreak = true;
                }
            }
            AddSegment(lineStart, contentEnd - lineStart);
            _nextLine++;
            _pos = next;
            scanned = 0;
            while (_pos == _end && !_eof)
            {
                int shift = Refill(logicalStart);
                logicalStart -= shift;
            }
            if (_pos < _end && (_data.Span[_pos].Equals(_space) || _data.Span[_pos].Equals(_tab)))
            {
                continue;
            }
            break;
        }
        if (_segCount == 1)
        {
            _lineInScratch = false;
            return true;
        }
        int total = 0;
        for (int i = 0; i < _segCount; i++)
        {
            total += _segLength[i];
        }
        if (_scratch.Length < total)
        {
            _scratch = new T[Math.Max(total, Math.Max(256, _scratch.Length * 2))];
        }
        int at = 0;
        for (int i = 0; i < _segCount; i++)
        {
            Segment(i).CopyTo(_scratch.AsSpan(at));
            at += _segLength[i];
        }
        _lineInScratch = true;
        _lineLength = total;
        return true;
    }

    private void AddSegment(int start, int length)
    {
        if (_segCount == _segStart.Length)
        {
            Array.Resize(ref _segStart, _segCount * 2);
            Array.Resize(ref _segLength, _segCount * 2);
        }
        _segStart[_segCount] = start;
        _segLength[_segCount] = length;
        _segCount++;
    }

    /// <summary>Moves the data from <paramref name="keepFrom"/> to the front of the buffer (growing it when the kept
    /// part fills it) and reads more; returns how far the kept data moved.</summary>
    private int Refill(int keepFrom)
    {
        if (_array is null)
        {
            _array = new T[ChunkSize];
            _data = _array;
        }
        int shift = 0;
        // Compact or grow only when little room is left, so that a source giving a few units per read costs linear time.
        if (_array.Length - _end < _array.Length / 4)
        {
            int keep = _end - keepFrom;
            shift = keepFrom;
            if (shift > 0)
            {
                Array.Copy(_array, keepFrom, _array, 0, keep);
                for (int i = 0; i < _segCount; i++)
                {
                    _segStart[i] -= shift;
                }
                _pos -= shift;
                _end = keep;
            }
            if (_array.Length - _end < _array.Length / 4)
            {
                var bigger = new T[checked(_array.Length * 2)];
                Array.Copy(_array, bigger, _end);
                _array = bigger;
                _data = _array;
            }
        }
        int n = Fill(_array.AsSpan(_end));
        if (n == 0)
        {
            _eof = true;
        }
        _end += n;
        return shift;
    }

    internal override (int Line, int Column) Locate(int offset)
    {
        int at = 0;
        for (int i = 0; i < _segCount; i++)
        {
            int length = UnitsToChars(i);
            if (offset < at + length || i == _segCount - 1)
            {
                return (_firstLine + i, offset - at + (i > 0 ? 1 : 0) + 1);
            }
            at += length;
        }
        return (_firstLine, offset + 1);
    }

    /// <summary>The number of characters a piece decodes to.</summary>
    protected abstract int UnitsToChars(int segment);
}

/// <summary>Logical lines of a string or a <see cref="TextReader"/>; a line that is not folded is a slice of the
/// input, without a copy.</summary>
internal sealed class CharLineSource : LineSplitter<char>
{
    private readonly TextReader? _reader;

    internal CharLineSource(string text)
        : base(text.AsMemory(), '\r', '\n', ' ', '\t')
    {
    }

    internal CharLineSource(TextReader reader)
        : base('\r', '\n', ' ', '\t')
    {
        _reader = reader;
    }

    internal override ReadOnlySpan<char> Current => Logical;

    internal override bool MoveNext() => NextLogical();

    protected override int Fill(Span<char> destination)
    {
        if (_reader is null)
        {
            return 0;
        }
        return _reader.Read(destination);
    }

    protected override int ByteOrderMarkLength(ReadOnlySpan<char> start) => !start.IsEmpty && start[0] == '\uFEFF' ? 1 : 0;

    protected override int UnitsToChars(int segment) => Segment(segment).Length;
}

/// <summary>Logical lines of UTF-8 bytes: lines are unfolded on the bytes and then decoded, so a fold inside a
/// multi-byte character joins it again; invalid UTF-8 becomes U+FFFD and is reported by the parser.</summary>
internal sealed class Utf8LineSource : LineSplitter<byte>
{
    private readonly Stream _stream;
    private char[] _chars = new char[1024];
    private int _charCount;
    private bool _invalid;

    internal Utf8LineSource(Stream stream)
        : base((byte)'\r', (byte)'\n', (byte)' ', (byte)'\t')
    {
        _stream = stream;
    }

    internal override ReadOnlySpan<char> Current => _chars.AsSpan(0, _charCount);

    internal override bool CurrentHadInvalidUtf8 => _invalid;

    internal override bool MoveNext()
    {
        if (!NextLogical())
        {
            return false;
        }
        ReadOnlySpan<byte> bytes = Logical;
        if (_chars.Length < bytes.Length)
        {
            _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
        }
        OperationStatus status = Utf8.ToUtf16(bytes, _chars, out _, out _charCount, replaceInvalidSequences: false);
        _invalid = status != OperationStatus.Done;
        if (_invalid)
        {
            Utf8.ToUtf16(bytes, _chars, out _, out _charCount, replaceInvalidSequences: true);
        }
        return true;
    }

    protected override int Fill(Span<byte> destination) => _stream.Read(destination);

    protected override int ByteOrderMarkLength(ReadOnlySpan<byte> start) => start.StartsWith("\uFEFF"u8) ? 3 : 0;

    protected override int UnitsToChars(int segment)
    {
        // Counts lead bytes (a 4-byte sequence is two UTF-16 units); a piece that splits a character counts it where it starts.
        int chars = 0;
        foreach (byte b in Segment(segment))
        {
            if ((b & 0xC0) != 0x80)
            {
                chars += b >= 0xF0 ? 2 : 1;
            }
        }
        return chars;
    }
}
