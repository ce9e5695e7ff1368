using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Calcore.Recurrence;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Recurrence;

/// <summary>Design rules of STYLE.md §3 and §5 checked by reflection over <c>Calcore.Recurrence</c>.</summary>
public class RecurrenceApiTests
{
    private static readonly Type[] PublicTypes = typeof(RecurrenceRule).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == "Calcore.Recurrence").ToArray();

    [Fact]
    public void Public_classes_are_sealed()
        => PublicTypes.Where(t => t.IsClass && !t.IsAbstract).Should().OnlyContain(t => t.IsSealed);

    [Fact]
    public void Public_structs_are_readonly_except_the_enumerator()
        => PublicTypes.Where(t => t.IsValueType && !t.IsEnum && t != typeof(OccurrenceSequence.Enumerator))
            .Should().OnlyContain(t => t.GetCustomAttribute<IsReadOnlyAttribute>() != null);

    [Fact]
    public void No_public_member_uses_DateTime()
    {
        var banned = new[] { typeof(DateTime), typeof(DateTimeOffset), typeof(TimeZoneInfo) };
        foreach (var type in PublicTypes)
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var types = member switch
                {
                    PropertyInfo p => [p.PropertyType],
                    MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType).ToArray(),
                    ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType).ToArray(),
                    _ => Array.Empty<Type>(),
                };
                types.Select(t => Nullable.GetUnderlyingType(t) ?? t).Should().NotContain(banned, $"{type.Name}.{member.Name}");
            }
        }
    }

    [Fact]
    public void Exceptions_are_sealed_and_argument_exceptions()
        => typeof(RecurrenceParseException).Should().BeDerivedFrom<ArgumentException>().And.BeSealed();
}
