using System;
using FluentAssertions;

namespace Calcore.Tests;

/// <summary>One reusable check of value equality (Noda Time's <c>TestHelper.TestEqualsClass</c>, in small).</summary>
public static class EqualityAssert
{
    /// <summary>Checks that <paramref name="value"/> equals <paramref name="equal"/> and not <paramref name="unequal"/>,
    /// through every equality member (IEquatable, object.Equals, the hash code, == and != when present).</summary>
    public static void ValueSemantics<T>(T value, T equal, T unequal)
        where T : IEquatable<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(equal);
        ArgumentNullException.ThrowIfNull(unequal);
        value.Equals(equal).Should().BeTrue("IEquatable<T>.Equals should hold for equal values");
        equal.Equals(value).Should().BeTrue("equality should be symmetric");
        value.Equals((object)equal).Should().BeTrue("object.Equals should agree with IEquatable<T>.Equals");
        value.GetHashCode().Should().Be(equal.GetHashCode(), "equal values must have equal hash codes");
        value.Equals(unequal).Should().BeFalse("IEquatable<T>.Equals should fail for different values");
        unequal.Equals(value).Should().BeFalse("inequality should be symmetric");
        value.Equals((object)unequal).Should().BeFalse();
        value.Equals(null!).Should().BeFalse("nothing equals null");

        var op = typeof(T).GetMethod("op_Equality", [typeof(T), typeof(T)]);
        var opNot = typeof(T).GetMethod("op_Inequality", [typeof(T), typeof(T)]);
        if (op is not null && opNot is not null)
        {
            ((bool)op.Invoke(null, [value, equal])!).Should().BeTrue("== should hold for equal values");
            ((bool)op.Invoke(null, [value, unequal])!).Should().BeFalse("== should fail for different values");
            ((bool)opNot.Invoke(null, [value, equal])!).Should().BeFalse("!= should fail for equal values");
            ((bool)opNot.Invoke(null, [value, unequal])!).Should().BeTrue("!= should hold for different values");
        }
    }
}
