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

/// <summary>Memory storage holds whatever <see cref="IStorage"/> is given (it does not validate, as the contract allows), so a
/// series inserted or replaced without the manager can have recurrence that does not parse.</summary>
public sealed class MemoryCorruptDataStorageTests(MemoryStorageFixture fixture) : CorruptDataStorageTestBase<MemoryStorageFixture>(fixture);

public sealed class MemoryAttendeeDirectoryStorageTests(MemoryStorageFixture fixture) : AttendeeDirectoryStorageTestBase<MemoryStorageFixture>(fixture);

public sealed class MemoryStorageComplianceTests : StorageComplianceTestBase
{
    protected override Assembly TargetAssembly => typeof(MemoryStorageComplianceTests).Assembly;
}

/// <summary>The booking gate's model test on memory storage.</summary>
public sealed class MemoryBookingGateModelTests(MemoryStorageFixture fixture) : BookingGateModelTestBase<MemoryStorageFixture>(fixture);
