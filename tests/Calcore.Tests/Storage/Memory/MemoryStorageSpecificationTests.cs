using System.Reflection;
using System.Threading.Tasks;
using Calcore.Storage;
using Calcore.Storage.Specification.Tests;

namespace Calcore.Tests.Storage.Memory;

/// <summary>Creates a new, empty <see cref="MemoryStorage"/> for every test.</summary>
public sealed class MemoryStorageFixture : StorageFixtureBase
{
    public override Task<IStorage> CreateStorageAsync() => Task.FromResult<IStorage>(Track(new MemoryStorage("spec")));
}

public sealed class MemoryEventStorageTests(MemoryStorageFixture fixture) : EventStorageTestBase<MemoryStorageFixture>(fixture);

public sealed class MemoryQueryStorageTests(MemoryStorageFixture fixture) : QueryStorageTestBase<MemoryStorageFixture>(fixture);

public sealed class MemoryRecurrenceStorageTests(MemoryStorageFixture fixture) : RecurrenceStorageTestBase<MemoryStorageFixture>(fixture);

public sealed class MemoryConcurrencyStorageTests(MemoryStorageFixture fixture) : ConcurrencyStorageTestBase<MemoryStorageFixture>(fixture);

public sealed class MemoryStorageComplianceTests : StorageComplianceTestBase
{
    protected override Assembly TargetAssembly => typeof(MemoryStorageComplianceTests).Assembly;
}
