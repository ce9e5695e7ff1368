using System;
using System.Collections.Generic;
using Calcore.Attendees;
using Calcore.Storage.Internal;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Storage.Memory;

/// <summary><see cref="AttendeeIndexMap"/> (open addressing, backward-shift removal) against a dictionary model.</summary>
public sealed class AttendeeIndexMapTests
{
    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 3000)]
    [InlineData(3, 20000)]
    public void Finds_adds_and_removes_like_a_dictionary(int seed, int keys)
    {
        var random = new Random(seed);
        var map = new AttendeeIndexMap();
        var model = new Dictionary<AttendeeId, TimeIndex>();
        for (int step = 0; step < keys * 6; step++)
        {
            var id = new AttendeeId("a" + random.Next(keys));
            switch (random.Next(3))
            {
                case 0:
                    TimeIndex added = map.GetOrAdd(id);
                    map.Find(id).Should().BeSameAs(added);
                    if (model.TryGetValue(id, out TimeIndex? existing))
                    {
                        added.Should().BeSameAs(existing, "an existing index is returned, not replaced");
                    }
                    model[id] = added;
                    break;
                case 1:
                    map.Remove(id).Should().Be(model.Remove(id));
                    break;
                default:
                    TimeIndex? found = map.Find(id);
                    if (model.TryGetValue(id, out TimeIndex? expected))
                    {
                        found.Should().BeSameAs(expected);
                    }
                    else
                    {
                        found.Should().BeNull();
                    }
                    break;
            }
            if (step % 997 == 0)
            {
                map.Count.Should().Be(model.Count);
            }
        }
        map.Count.Should().Be(model.Count);
        for (int k = 0; k < keys; k++)
        {
            var id = new AttendeeId("a" + k);
            TimeIndex? found = map.Find(id);
            if (model.TryGetValue(id, out TimeIndex? expected))
            {
                found.Should().BeSameAs(expected, $"'{id}' is in the model");
            }
            else
            {
                found.Should().BeNull($"'{id}' was removed or never added");
            }
        }
    }
}
