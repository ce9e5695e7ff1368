using Calcore.Storage;

namespace Calcore.Benchmarks.Storage.Memory;

/// <summary>The memory provider: the data set is generated into a new <see cref="MemoryStorage"/> in every benchmark process.</summary>
public sealed class MemoryBenchmarkProvider : IStorageProvider
{
    public IStorage CreateEmpty() => new MemoryStorage();

    public IStorage OpenLoaded(bool writable)
    {
        var storage = new MemoryStorage();
        StorageManager loader = StorageDataset.CreateManager(storage);
        // The loader shares the storage; it is not disposed so that the storage stays open.
        StorageDataset.LoadAsync(loader, 0, StorageDataset.Events).GetAwaiter().GetResult();
        return storage;
    }

    public void Cleanup()
    {
    }
}

/// <inheritdoc/>
public class MemoryExpandedWeek : ExpandedWeekBenchmarkBase
{
    protected override IStorageProvider Provider { get; } = new MemoryBenchmarkProvider();
}

/// <inheritdoc/>
public class MemoryInsert : InsertBenchmarkBase
{
    protected override IStorageProvider Provider { get; } = new MemoryBenchmarkProvider();
}

/// <inheritdoc/>
public class MemoryAcceptIfPossible : AcceptIfPossibleBenchmarkBase
{
    protected override IStorageProvider Provider { get; } = new MemoryBenchmarkProvider();
}
