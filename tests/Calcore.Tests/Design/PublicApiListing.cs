using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Design;

/// <summary>Writes the public surface of an assembly as sorted text lines, one per type and one per member (the EF Core
/// way of watching an API without PublicApiAnalyzers).</summary>
/// <remarks>
/// Lines look like <c>Calcore.Events.EventId : readonly struct, System.IComparable&lt;Calcore.Events.EventId&gt;, …</c> for a type
/// and <c>Calcore.Events.EventId.Value { get; } : string</c> for a member, with modifiers after <c>//</c>
/// (<c>… : Calcore.Attendees.BookingPolicy // static</c>). Public and protected members are listed (protected ones are
/// reachable by derived types); nullable reference annotations are included, since changing them changes the API.
/// </remarks>
public static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(char)] = "char",
        [typeof(short)] = "short",
        [typeof(int)] = "int",
        [typeof(long)] = "long",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
    };

    public static IReadOnlyList<string> Lines(Assembly assembly)
    {
        var lines = new List<string>();
        var nullability = new NullabilityInfoContext();
        foreach (Type type in assembly.GetExportedTypes())
        {
            string name = TypeName(type, null);
            lines.Add($"{name} : {Describe(type)}");
            foreach (MemberInfo member in type.GetMembers(Declared))
            {
                if (Format(member, nullability) is { } text)
                {
                    lines.Add($"{name}.{text}");
                }
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static string Text(Assembly assembly) => string.Join("\n", Lines(assembly)) + "\n";

    /// <summary>
    /// Fails unless the assembly's listing equals the committed file <paramref name="fileName"/> beside the calling test
    /// (reporting the lines removed and added); with <c>CALCORE_UPDATE_API=1</c> it writes the file instead.
    /// </summary>
    /// <param name="assembly">The assembly whose public API is checked.</param>
    /// <param name="fileName">The listing's file name, in the calling test's folder.</param>
    /// <param name="projectFileName">The test project's file, used to find that folder when source paths are mapped.</param>
    /// <param name="sourceFile">The calling test's source path (filled in by the compiler).</param>
    public static void VerifyCommittedListing(Assembly assembly, string fileName, string projectFileName, [CallerFilePath] string sourceFile = "")
    {
        string actual = Text(assembly);
        string path = ListingPath(fileName, projectFileName, sourceFile);

        if (Environment.GetEnvironmentVariable("CALCORE_UPDATE_API") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).Should().BeTrue($"the listing {path} is committed; create it with CALCORE_UPDATE_API=1");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            return;
        }
        string[] expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] actualLines = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] removed = [.. expectedLines.Except(actualLines, StringComparer.Ordinal)];
        string[] added = [.. actualLines.Except(expectedLines, StringComparer.Ordinal)];
        Assert.Fail(
            $"The public API differs from {fileName}. If the change is intended, run the tests with CALCORE_UPDATE_API=1 and commit the file.\n"
            + $"Removed ({removed.Length}):\n  - {string.Join("\n  - ", removed)}\n"
            + $"Added ({added.Length}):\n  + {string.Join("\n  + ", added)}");
    }

    private static string ListingPath(string fileName, string projectFileName, string sourceFile)
    {
        string? folder = Path.GetDirectoryName(sourceFile);
        if (folder is not null && Directory.Exists(folder))
        {
            return Path.Combine(folder, fileName);
        }
        // With ContinuousIntegrationBuild the compiler maps source paths (/_/…), so find the project from the output folder.
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, projectFileName)))
            {
                return Path.Combine(d.FullName, "Design", fileName);
            }
        }
        throw new FileNotFoundException($"Cannot find the folder of {fileName} (source path '{sourceFile}').", fileName);
    }

    private static bool IsVisible(MethodBase? m) => m is not null && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);

    private static bool IsVisible(FieldInfo f) => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly;

    private static string Describe(Type type)
    {
        string kind;
        if (type.IsEnum)
        {
            kind = $"enum {TypeName(Enum.GetUnderlyingType(type), null)}";
        }
        else if (type.IsInterface)
        {
            kind = "interface";
        }
        else if (type.IsValueType)
        {
            kind = type.IsDefined(typeof(IsReadOnlyAttribute), false) ? "readonly struct" : "struct";
        }
        else if (type.IsSubclassOf(typeof(Delegate)))
        {
            kind = "delegate";
        }
        else
        {
            kind = type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
        }
        var bases = new List<string>();
        if (type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum))
        {
            bases.Add(TypeName(b, null));
        }
        if (type.IsEnum)
        {
            return kind;
        }
        bases.AddRange(type.GetInterfaces().Where(i => i.IsVisible).Select(i => TypeName(i, null)).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? kind : $"{kind}, {string.Join(", ", bases)}";
    }

    private static string? Format(MemberInfo member, NullabilityInfoContext nullability)
    {
        switch (member)
        {
            case ConstructorInfo c when IsVisible(c) && !c.IsStatic:
                return Suffix($".ctor({Parameters(c, nullability)})", Access(c));
            case MethodInfo m when IsVisible(m) && !IsAccessor(m):
                return Suffix($"{m.Name}{GenericArguments(m)}({Parameters(m, nullability)}) : {TypeName(m.ReturnType, nullability.Create(m.ReturnParameter))}", Access(m) + Modifiers(m));
            case PropertyInfo p when IsVisible(p.GetMethod) || IsVisible(p.SetMethod):
                MethodInfo any = IsVisible(p.GetMethod) ? p.GetMethod! : p.SetMethod!;
                var accessors = new StringBuilder("{ ");
                if (IsVisible(p.GetMethod))
                {
                    accessors.Append("get; ");
                }
                if (IsVisible(p.SetMethod))
                {
                    bool init = p.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
                    accessors.Append(init ? "init; " : "set; ");
                }
                accessors.Append('}');
                ParameterInfo[] index = p.GetIndexParameters();
                string indexer = index.Length == 0 ? "" : $"[{string.Join(", ", index.Select(i => Parameter(i, nullability)))}]";
                return Suffix($"{p.Name}{indexer} {accessors} : {TypeName(p.PropertyType, nullability.Create(p))}", Access(any) + Modifiers(any));
            case FieldInfo f when IsVisible(f) && !f.IsSpecialName && f.DeclaringType!.IsEnum:
                return $"{f.Name} = {Literal(f.GetRawConstantValue())}";
            case FieldInfo f when IsVisible(f) && !f.IsSpecialName:
                string prefix = f.IsLiteral ? "const " : f.IsStatic ? (f.IsInitOnly ? "static readonly " : "static ") : f.IsInitOnly ? "readonly " : "";
                string value = f.IsLiteral ? $" = {Literal(f.GetRawConstantValue())}" : "";
                return Suffix($"{f.Name} : {TypeName(f.FieldType, nullability.Create(f))}{value}", (f.IsFamily || f.IsFamilyOrAssembly ? "protected " : "") + prefix);
            case EventInfo e when IsVisible(e.AddMethod):
                return Suffix($"{e.Name} : {TypeName(e.EventHandlerType!, nullability.Create(e))}", Access(e.AddMethod!) + Modifiers(e.AddMethod!) + "event ");
            default:
                return null;
        }
    }

    private static string Suffix(string signature, string modifiers)
        => modifiers.Length == 0 ? signature : $"{signature} // {modifiers.TrimEnd()}";

    private static bool IsAccessor(MethodInfo m)
        => m.IsSpecialName && (m.Name.StartsWith("get_", StringComparison.Ordinal) || m.Name.StartsWith("set_", StringComparison.Ordinal)
            || m.Name.StartsWith("add_", StringComparison.Ordinal) || m.Name.StartsWith("remove_", StringComparison.Ordinal));

    private static string Access(MethodBase m) => m.IsFamily || m.IsFamilyOrAssembly ? "protected " : "";

    private static string Modifiers(MethodInfo m)
    {
        if (m.IsStatic)
        {
            return m.IsAbstract ? "static abstract " : "static ";
        }
        if (m.DeclaringType!.IsInterface)
        {
            return "";
        }
        if (m.IsAbstract)
        {
            return "abstract ";
        }
        if (m.IsVirtual && !m.IsFinal)
        {
            return m.GetBaseDefinition().DeclaringType == m.DeclaringType ? "virtual " : "override ";
        }
        if (m.IsVirtual && m.GetBaseDefinition().DeclaringType != m.DeclaringType)
        {
            return "sealed override ";
        }
        return "";
    }

    private static string GenericArguments(MethodInfo m)
        => m.IsGenericMethodDefinition ? $"<{string.Join(", ", m.GetGenericArguments().Select(a => a.Name))}>" : "";

    private static string Parameters(MethodBase m, NullabilityInfoContext nullability)
    {
        bool extension = m.IsDefined(typeof(ExtensionAttribute), false);
        return string.Join(", ", m.GetParameters().Select((p, i) => (extension && i == 0 ? "this " : "") + Parameter(p, nullability)));
    }

    private static string Parameter(ParameterInfo p, NullabilityInfoContext nullability)
    {
        var text = new StringBuilder();
        Type type = p.ParameterType;
        if (type.IsByRef)
        {
            text.Append(p.IsOut ? "out " : p.IsIn ? "in " : "ref ");
            type = type.GetElementType()!;
        }
        if (p.IsDefined(typeof(ParamArrayAttribute), false))
        {
            text.Append("params ");
        }
        text.Append(TypeName(type, p.ParameterType.IsByRef ? null : nullability.Create(p))).Append(' ').Append(p.Name);
        if (p.HasDefaultValue)
        {
            text.Append(" = ").Append(p.RawDefaultValue is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default" : Literal(p.RawDefaultValue));
        }
        return text.ToString();
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        char c => $"'{c}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string TypeName(Type type, NullabilityInfo? info)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying, info?.GenericTypeArguments.FirstOrDefault()) + "?";
        }
        string suffix = info is { ReadState: NullabilityState.Nullable } && !type.IsValueType ? "?" : "";
        if (type.IsArray)
        {
            return $"{TypeName(type.GetElementType()!, info?.ElementType)}[{new string(',', type.GetArrayRank() - 1)}]{suffix}";
        }
        if (type.IsGenericParameter)
        {
            return type.Name + suffix;
        }
        if (Keywords.TryGetValue(type, out string? keyword))
        {
            return keyword + suffix;
        }
        string name = type.IsNested ? $"{TypeName(type.DeclaringType!, null)}.{type.Name}" : $"{type.Namespace}.{type.Name}";
        if (!type.IsGenericType)
        {
            return name + suffix;
        }
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }
        Type[] arguments = type.GetGenericArguments();
        NullabilityInfo[]? argumentInfo = info?.GenericTypeArguments;
        string args = string.Join(", ", arguments.Select((a, i) => TypeName(a, argumentInfo is { } ai && i < ai.Length ? ai[i] : null)));
        return $"{name}<{args}>{suffix}";
    }
}
