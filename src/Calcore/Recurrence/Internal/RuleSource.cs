using System;

namespace Calcore.Recurrence.Internal;

/// <summary>
/// One rule's instances as (instant, actual local, nominal local), in instant order: maps the
/// iterator's nominal values through the zone, applies UNTIL, and reorders the few instances that a
/// daylight-saving gap moved past later ones. Not thread-safe; pooled.
/// </summary>
internal sealed class RuleSource
{
    private readonly RuleIterator _iterator = new();
    private CompiledRule _rule = null!;
    private ZoneMapper _zone = null!;
    private long[] _heldInstant = new long[4];
    private long[] _heldLocal = new long[4];
    private long[] _heldNominal = new long[4];
    private int _heldCount;
    private long _lowerBound;
    private bool _rawEnded;

    internal bool HasHead { get; private set; }

    internal long HeadInstant { get; private set; }

    internal long HeadLocal { get; private set; }

    internal long HeadNominal { get; private set; }

    internal void Init(CompiledRule rule, bool forcedStart, ZoneMapper zone, long seekLocal)
    {
        _rule = rule;
        _zone = zone;
        _heldCount = 0;
        _rawEnded = false;
        _lowerBound = long.MinValue;
        _iterator.Init(rule, forcedStart);
        if (seekLocal != long.MinValue)
        {
            _iterator.Seek(seekLocal);
        }
        Advance();
    }

    internal void Advance()
    {
        while (true)
        {
            if (_heldCount > 0 && (_rawEnded || _heldInstant[0] <= _lowerBound))
            {
                HeadInstant = _heldInstant[0];
                HeadLocal = _heldLocal[0];
                HeadNominal = _heldNominal[0];
                _heldCount--;
                Array.Copy(_heldInstant, 1, _heldInstant, 0, _heldCount);
                Array.Copy(_heldLocal, 1, _heldLocal, 0, _heldCount);
                Array.Copy(_heldNominal, 1, _heldNominal, 0, _heldCount);
                HasHead = true;
                return;
            }
            if (_rawEnded)
            {
                HasHead = false;
                return;
            }
            if (!_iterator.Next(out long nominal))
            {
                _rawEnded = true;
                continue;
            }
            long instant = _zone.Map(nominal, out long actual);
            if (instant == ZoneMapper.OutOfRange || PastUntil(nominal, instant))
            {
                _rawEnded = true;
                continue;
            }
            bool shifted = actual != nominal;
            if (!shifted && _heldCount == 0)
            {
                _lowerBound = instant;
                HeadInstant = instant;
                HeadLocal = actual;
                HeadNominal = nominal;
                HasHead = true;
                return;
            }
            Hold(instant, actual, nominal);
            if (!shifted)
            {
                _lowerBound = instant;
            }
        }
    }

    private bool PastUntil(long nominal, long instant) => _rule.UntilKind switch
    {
        RecurrenceEndKind.UntilDate => CalendarMath.FloorDiv(nominal, CalendarMath.SecondsPerDay) > _rule.UntilValue,
        RecurrenceEndKind.UntilLocalDateTime => nominal > _rule.UntilValue,
        RecurrenceEndKind.UntilInstant => instant > _rule.UntilValue,
        _ => false,
    };

    private void Hold(long instant, long local, long nominal)
    {
        if (_heldCount == _heldInstant.Length)
        {
            Array.Resize(ref _heldInstant, _heldCount * 2);
            Array.Resize(ref _heldLocal, _heldCount * 2);
            Array.Resize(ref _heldNominal, _heldCount * 2);
        }
        int i = _heldCount;
        while (i > 0 && (_heldInstant[i - 1] > instant || (_heldInstant[i - 1] == instant && _heldNominal[i - 1] > nominal)))
        {
            _heldInstant[i] = _heldInstant[i - 1];
            _heldLocal[i] = _heldLocal[i - 1];
            _heldNominal[i] = _heldNominal[i - 1];
            i--;
        }
        _heldInstant[i] = instant;
        _heldLocal[i] = local;
        _heldNominal[i] = nominal;
        _heldCount++;
    }
}
