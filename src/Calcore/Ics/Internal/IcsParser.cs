using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace Calcore.Ics.Internal;

/// <summary>Builds components from logical content lines, iteratively (a stack of open components, never recursion),
/// reporting what it skips. In streaming mode a component directly inside a top-level VCALENDAR is handed out at its
/// END and the VCALENDAR at its own END without sub-components. Not thread-safe (one per read).</summary>
internal sealed class IcsParser
{
    /// <summary>Diagnostics reported per read at most; one more warning says the rest were not reported.</summary>
    internal const int MaxDiagnostics = 1000;

    /// <summary>The characters that end a simple <c>NAME=VALUE</c> parameter, or show that it is not simple.</summary>
    private static readonly SearchValues<char> SegmentEnds = SearchValues.Create(";:\",^");

    private readonly IcsLineSource _source;
    private readonly IcsReadOptions _options;
    private readonly Action<IcsDiagnostic>? _sink;
    private readonly bool _streaming;
    private readonly IcsInternPool _pool = new();
    private readonly List<Frame> _frames = [];
    private readonly Queue<IcsComponent> _ready = new();
    private readonly List<IcsParameter> _parameters = [];
    private readonly List<string> _values = [];
    private int _depth;
    private int _skipDepth;
    private int _skipLine;
    private bool _finished;
    private bool _sawCalendar;
    private bool _sawContent;
    private bool _reportedBareLineBreak;
    private int _diagnosticCount;

    internal IcsParser(IcsLineSource source, IcsReadOptions options, Action<IcsDiagnostic>? sink, bool streaming)
    {
        _source = source;
        _options = options;
        _sink = sink;
        _streaming = streaming;
    }

    /// <summary>Whether an error was reported.</summary>
    internal bool HasErrors { get; private set; }

    /// <summary>The next component to hand out, or null at the end of the input.</summary>
    internal IcsComponent? Next()
    {
        while (_ready.Count == 0)
        {
            if (_finished)
            {
                return null;
            }
            if (_source.MoveNext())
            {
                ReadLine(_source.Current);
            }
            else
            {
                Finish();
            }
        }
        return _ready.Dequeue();
    }

    private void ReadLine(ReadOnlySpan<char> line)
    {
        if (_source.TakeBareLineBreak() && !_reportedBareLineBreak)
        {
            _reportedBareLineBreak = true;
            Warn(0, "Lines end with a bare LF or CR instead of CRLF (RFC 5545 §3.1); read anyway (reported once).");
        }
        if (_source.CurrentHadInvalidUtf8)
        {
            Warn(0, "The line holds bytes that are not UTF-8; each bad sequence is read as U+FFFD.");
        }
        if (line.IsEmpty)
        {
            return;
        }
        _sawContent = true;
        int nameEnd = line.IndexOfAny(';', ':');
        if (nameEnd < 0)
        {
            Error(line.Length, "The line has no ':' (not a content line, RFC 5545 §3.1); skipped.");
            return;
        }
        string? name = _pool.Name(line[..nameEnd]);
        if (name is null)
        {
            Error(0, $"'{Clip(line[..nameEnd])}' is not a property name (letters, digits and '-'); line skipped.");
            return;
        }
        if (ReferenceEquals(name, IcsNames.Begin) || ReferenceEquals(name, IcsNames.End))
        {
            ReadBeginOrEnd(line, nameEnd, name);
            return;
        }
        if (_skipDepth > 0)
        {
            return;
        }
        if (_depth == 0)
        {
            Error(0, $"The property {name} is outside any component; skipped.");
            return;
        }
        IcsProperty? property = ReadProperty(line, nameEnd, name);
        if (property is not null)
        {
            _frames[_depth - 1].Properties.Add(property);
        }
    }

    private void ReadBeginOrEnd(ReadOnlySpan<char> line, int nameEnd, string keyword)
    {
        bool begin = ReferenceEquals(keyword, IcsNames.Begin);
        if (line[nameEnd] != ':')
        {
            // BEGIN/END take no parameters; read the value after the first colon anyway.
            int colon = line.IndexOf(':');
            if (colon < 0)
            {
                Error(line.Length, $"{keyword} has no ':' (RFC 5545 §3.1); line skipped.");
                return;
            }
            Warn(nameEnd, $"{keyword} has parameters; ignored.");
            nameEnd = colon;
        }
        ReadOnlySpan<char> raw = line[(nameEnd + 1)..];
        ReadOnlySpan<char> trimmed = raw.Trim(" \t");
        string? name = _pool.Name(trimmed);
        if (name is null)
        {
            Error(nameEnd + 1, $"{keyword}:{Clip(raw)} does not name a component; line skipped.");
            return;
        }
        if (trimmed.Length != raw.Length)
        {
            Warn(nameEnd + 1, $"Whitespace around the component name in {keyword}:{name}; ignored.");
        }
        int line1 = _source.FirstLine;
        if (begin)
        {
            if (_skipDepth > 0)
            {
                _skipDepth++;
                return;
            }
            if (_depth >= _options.MaxDepth)
            {
                Error(0, string.Create(CultureInfo.InvariantCulture,
                    $"BEGIN:{name} nests deeper than {_options.MaxDepth} levels (IcsReadOptions.MaxDepth); the component and everything in it are skipped."));
                _skipDepth = 1;
                _skipLine = line1;
                return;
            }
            Push(name, line1);
            return;
        }
        if (_skipDepth > 0)
        {
            _skipDepth--;
            return;
        }
        if (_depth == 0)
        {
            Error(0, $"END:{name} has no BEGIN; skipped.");
            return;
        }
        int match = _depth - 1;
        while (match >= 0 && !ReferenceEquals(_frames[match].Name, name) && _frames[match].Name != name)
        {
            match--;
        }
        if (match < 0)
        {
            Frame open = _frames[_depth - 1];
            Error(0, string.Create(CultureInfo.InvariantCulture, $"END:{name} does not match BEGIN:{open.Name} (line {open.Line}); skipped."));
            return;
        }
        while (_depth - 1 > match)
        {
            Frame open = _frames[_depth - 1];
            Error(0, string.Create(CultureInfo.InvariantCulture,
                $"BEGIN:{open.Name} (line {open.Line}) has no END before END:{name}; closed here."));
            Pop();
        }
        Pop();
    }

    private IcsProperty? ReadProperty(ReadOnlySpan<char> line, int nameEnd, string name)
    {
        ImmutableArray<IcsParameter> parameters = [];
        int i = nameEnd;
        if (line[i] == ';')
        {
            _parameters.Clear();
            while (line[i] == ';')
            {
                i++;
                // Fast path: a simple NAME=VALUE seen before in this read (PARTSTAT=ACCEPTED) is one lookup.
                int segmentStart = i;
                int simpleEnd = line[i..].IndexOfAny(SegmentEnds);
                bool simple = simpleEnd > 0 && simpleEnd <= 64 && line[i + simpleEnd] is ';' or ':';
                if (simple)
                {
                    IcsParameter? seen = _pool.FindParameterText(line.Slice(i, simpleEnd));
                    if (seen is not null)
                    {
                        _parameters.Add(seen);
                        i += simpleEnd;
                        continue;
                    }
                }
                int eq = line[i..].IndexOfAny('=', ';', ':');
                if (eq < 0)
                {
                    Error(line.Length, $"The property {name} has no ':' after its parameters; skipped.");
                    return null;
                }
                eq += i;
                string? parameterName = _pool.Name(line[i..eq]);
                if (parameterName is null)
                {
                    Error(i, $"'{Clip(line[i..eq])}' is not a parameter name in property {name}; property skipped.");
                    return null;
                }
                if (line[eq] != '=')
                {
                    Warn(i, $"The parameter {parameterName} of {name} has no '=' and no value; read with an empty value.");
                    _parameters.Add(_pool.Parameter(parameterName, string.Empty));
                    i = eq;
                    continue;
                }
                i = eq + 1;
                _values.Clear();
                while (true)
                {
                    string value;
                    if (i < line.Length && line[i] == '"')
                    {
                        int close = line[(i + 1)..].IndexOf('"');
                        if (close < 0)
                        {
                            Error(i, $"The quoted value of parameter {parameterName} in {name} has no closing '\"'; property skipped.");
                            return null;
                        }
                        value = ParameterValue(line.Slice(i + 1, close));
                        i += close + 2;
                        if (i >= line.Length || (line[i] != ',' && line[i] != ';' && line[i] != ':'))
                        {
                            Error(i, $"Text follows the quoted value of parameter {parameterName} in {name}; property skipped.");
                            return null;
                        }
                    }
                    else
                    {
                        int stop = line[i..].IndexOfAny(',', ';', ':');
                        if (stop < 0)
                        {
                            Error(line.Length, $"The property {name} has no ':' after its parameters; skipped.");
                            return null;
                        }
                        value = ParameterValue(line.Slice(i, stop));
                        i += stop;
                    }
                    _values.Add(value);
                    if (line[i] != ',')
                    {
                        break;
                    }
                    i++;
                }
                if (_values.Count == 1)
                {
                    IcsParameter parameter = _pool.Parameter(parameterName, _values[0]);
                    _parameters.Add(parameter);
                    if (simple)
                    {
                        _pool.AddParameterText(line.Slice(segmentStart, simpleEnd), parameter);
                    }
                }
                else
                {
                    _parameters.Add(new IcsParameter(parameterName, [.. _values], trusted: true));
                }
            }
            parameters = [.. _parameters];
        }
        // line[i] is ':' here.
        ReadOnlySpan<char> text = line[(i + 1)..];
        string v = text.Length <= 16 ? _pool.Value(text) : text.ToString();
        return new IcsProperty(name, parameters, v, _source.FirstLine);
    }

    /// <summary>A parameter value with RFC 6868 escapes decoded: <c>^n</c> line break, <c>^'</c> double quote,
    /// <c>^^</c> caret; a caret before anything else is kept as it is.</summary>
    private string ParameterValue(ReadOnlySpan<char> raw)
    {
        int caret = raw.IndexOf('^');
        if (caret < 0)
        {
            return _pool.Value(raw);
        }
        return DecodeRfc6868(raw, caret);
    }

    internal static string DecodeRfc6868(ReadOnlySpan<char> raw, int caret)
    {
        var chars = new char[raw.Length];
        raw[..caret].CopyTo(chars);
        int n = caret;
        for (int i = caret; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c == '^' && i + 1 < raw.Length)
            {
                char e = raw[i + 1];
                char? decoded = e switch { 'n' or 'N' => '\n', '\'' => '"', '^' => '^', _ => null };
                if (decoded is char d)
                {
                    chars[n++] = d;
                    i++;
                    continue;
                }
            }
            chars[n++] = c;
        }
        return new string(chars, 0, n);
    }

    private void Push(string name, int line)
    {
        if (_depth == _frames.Count)
        {
            _frames.Add(new Frame());
        }
        Frame frame = _frames[_depth++];
        frame.Name = name;
        frame.Line = line;
        frame.Properties.Clear();
        frame.Components.Clear();
    }

    /// <summary>Closes the innermost open component and hands it to its parent or out.</summary>
    private void Pop()
    {
        Frame frame = _frames[--_depth];
        var component = new IcsComponent(frame.Name, [.. frame.Properties], [.. frame.Components], frame.Line);
        frame.Properties.Clear();
        frame.Components.Clear();
        if (_depth == 0)
        {
            if (ReferenceEquals(component.Name, IcsNames.VCalendar))
            {
                _sawCalendar = true;
            }
            _ready.Enqueue(component);
        }
        else if (_streaming && _depth == 1 && ReferenceEquals(_frames[0].Name, IcsNames.VCalendar))
        {
            _ready.Enqueue(component);
        }
        else
        {
            _frames[_depth - 1].Components.Add(component);
        }
    }

    private void Finish()
    {
        _finished = true;
        int last = Math.Max(1, _source.LastLine);
        if (_skipDepth > 0)
        {
            Report(IcsSeverity.Error, last, 1, string.Create(CultureInfo.InvariantCulture,
                $"The input ends inside the component skipped at line {_skipLine}."));
        }
        while (_depth > 1)
        {
            Frame open = _frames[_depth - 1];
            Report(IcsSeverity.Error, last, 1, string.Create(CultureInfo.InvariantCulture,
                $"The input ends before END:{open.Name} (BEGIN at line {open.Line}); the unfinished {open.Name} is dropped."));
            open.Properties.Clear();
            open.Components.Clear();
            _depth--;
        }
        if (_depth == 1)
        {
            Frame open = _frames[0];
            Report(IcsSeverity.Error, last, 1, string.Create(CultureInfo.InvariantCulture,
                $"The input ends before END:{open.Name} (BEGIN at line {open.Line}); what was complete is kept."));
            Pop();
        }
        if (!_sawCalendar)
        {
            Report(IcsSeverity.Error, last, 1, _sawContent ? "The input holds no VCALENDAR component." : "The input is empty: no VCALENDAR component.");
        }
    }

    private void Warn(int offset, string message)
    {
        (int line, int column) = _source.Locate(offset);
        Report(IcsSeverity.Warning, line, column, message);
    }

    private void Error(int offset, string message)
    {
        (int line, int column) = _source.Locate(offset);
        Report(IcsSeverity.Error, line, column, message);
    }

    private void Report(IcsSeverity severity, int line, int column, string message)
    {
        var diagnostic = new IcsDiagnostic(severity, line, column, message);
        if (severity == IcsSeverity.Error)
        {
            HasErrors = true;
            if (_options.Mode == IcsReadMode.Strict)
            {
                throw new IcsParseException(diagnostic);
            }
        }
        _diagnosticCount++;
        if (_diagnosticCount < MaxDiagnostics)
        {
            _sink?.Invoke(diagnostic);
        }
        else if (_diagnosticCount == MaxDiagnostics)
        {
            _sink?.Invoke(new IcsDiagnostic(IcsSeverity.Warning, line, column,
                string.Create(CultureInfo.InvariantCulture, $"More than {MaxDiagnostics} problems; the rest are not reported.")));
        }
    }

    /// <summary>At most 40 characters of some text, for a message.</summary>
    private static string Clip(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");

    private sealed class Frame
    {
        internal string Name = string.Empty;
        internal int Line;
        internal readonly List<IcsProperty> Properties = [];
        internal readonly List<IcsComponent> Components = [];
    }
}
