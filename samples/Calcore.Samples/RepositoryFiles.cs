using System;
using System.IO;

namespace Calcore.Samples;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    internal static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Calcore.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("Calcore.sln not found above " + AppContext.BaseDirectory);
        }
    }

    internal static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
