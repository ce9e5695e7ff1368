using System;
using Calcore.Storage.Specification.Tests;

namespace Calcore.Storage.Sqlite.Tests;

/// <summary>The booking gate's model test on a SQLite file (fewer operations: each one is a transaction on disk).</summary>
public sealed class SqliteBookingGateModelTests(SqliteStorageFixture fixture) : BookingGateModelTestBase<SqliteStorageFixture>(fixture)
{
    protected override int Operations => Math.Min(base.Operations, 250);
}
