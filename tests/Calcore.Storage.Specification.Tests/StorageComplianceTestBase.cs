using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using FluentAssertions;
using Xunit;

namespace Calcore.Storage.Specification.Tests;

/// <summary>Fails when a provider's test assembly has not derived a concrete class from every contract base (EF Core's ComplianceTestBase).</summary>
/// <remarks>A provider derives one class from this, naming its test assembly; a new contract base added here then
/// fails every provider until each derives it (or lists it in <see cref="IgnoredTestBases"/> with a reason).</remarks>
public abstract class StorageComplianceTestBase
{
    /// <summary>Gets the provider's test assembly.</summary>
    protected abstract Assembly TargetAssembly { get; }

    /// <summary>Gets the contract bases this provider deliberately does not run (say why in a comment).</summary>
    protected virtual IReadOnlyCollection<Type> IgnoredTestBases => [];

    /// <summary>Every abstract contract base of the specification assembly.</summary>
    public static IEnumerable<Type> ContractBases()
        => typeof(StorageComplianceTestBase).Assembly.GetExportedTypes()
            .Where(t => t.IsAbstract && !t.IsSealed && t.Name.Contains("TestBase", StringComparison.Ordinal)
                && t != typeof(StorageComplianceTestBase) && t.GetGenericTypeDefinitionOrSelf() != typeof(StorageTestBase<>))
            .Select(t => t.GetGenericTypeDefinitionOrSelf());

    [Fact]
    public virtual void Every_contract_base_has_a_concrete_test_class()
    {
        Type[] concrete = [.. TargetAssembly.GetTypes().Where(t => !t.IsAbstract && t.IsClass)];
        string[] missing =
        [
            .. ContractBases()
                .Where(b => !IgnoredTestBases.Contains(b))
                .Where(b => !concrete.Any(t => DerivesFrom(t, b)))
                .Select(b => b.Name),
        ];
        Assert.True(missing.Length == 0, $"{TargetAssembly.GetName().Name} has no concrete test class for: {string.Join(", ", missing)}");
    }

    [Fact]
    public virtual void The_specification_has_the_expected_contract_bases()
    {
        ContractBases().Select(b => b.Name).Should().Contain(["EventStorageTestBase`1", "QueryStorageTestBase`1", "RecurrenceStorageTestBase`1", "ConcurrencyStorageTestBase`1", "CorruptDataStorageTestBase`1", "AttendeeDirectoryStorageTestBase`1"]);
    }

    private static bool DerivesFrom(Type type, Type baseType)
    {
        for (Type? t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.GetGenericTypeDefinitionOrSelf() == baseType)
            {
                return true;
            }
        }
        return false;
    }
}

internal static class TypeExtensions
{
    internal static Type GetGenericTypeDefinitionOrSelf(this Type t) => t.IsGenericType ? t.GetGenericTypeDefinition() : t;
}
