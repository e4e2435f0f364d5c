using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SimpleImGateway.Tests.NanoFit
{
    /// <summary>
    /// Reads an assembly's metadata and lists everything nanoFramework 1.x cannot load or run:
    /// references to assemblies other than mscorlib (and the caller's own nano-built assemblies),
    /// generic definitions, generic instantiations anywhere in a signature, and interface methods
    /// with a body (default interface methods).
    /// </summary>
    public static class NanoFitInspector
    {
        /// <param name="assemblyPath">The assembly to read.</param>
        /// <param name="allowedReferences">
        /// Names of other assemblies of this repository that are themselves nano builds checked by
        /// this gate (Firmware references SimpleImGateway.Shared); mscorlib is always allowed.
        /// </param>
        public static IReadOnlyList<string> Inspect(string assemblyPath, params string[] allowedReferences)
        {
            var violations = new List<string>();
            using FileStream stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            MetadataReader md = pe.GetMetadataReader();

            foreach (AssemblyReferenceHandle h in md.AssemblyReferences)
            {
                string name = md.GetString(md.GetAssemblyReference(h).Name);
                if (name != "mscorlib" && Array.IndexOf(allowedReferences, name) < 0)
                {
                    violations.Add($"assembly reference '{name}' (only mscorlib exists on the device)");
                }
            }

            var provider = new GenericDetector(md);
            foreach (TypeDefinitionHandle th in md.TypeDefinitions)
            {
                TypeDefinition type = md.GetTypeDefinition(th);
                string typeName = FullName(md, type);
                if (type.GetGenericParameters().Count > 0)
                {
                    violations.Add($"generic type definition {typeName}");
                }

                bool isInterface = (type.Attributes & TypeAttributes.Interface) != 0;
                foreach (MethodDefinitionHandle mh in type.GetMethods())
                {
                    MethodDefinition method = md.GetMethodDefinition(mh);
                    string methodName = typeName + "." + md.GetString(method.Name);
                    if (method.GetGenericParameters().Count > 0)
                    {
                        violations.Add($"generic method definition {methodName}");
                    }

                    if (isInterface && ((method.Attributes & MethodAttributes.Abstract) == 0 || method.RelativeVirtualAddress != 0))
                    {
                        violations.Add($"interface method with a body {methodName}");
                    }

                    provider.Context = methodName;
                    method.DecodeSignature(provider, null);
                }

                foreach (FieldDefinitionHandle fh in type.GetFields())
                {
                    FieldDefinition field = md.GetFieldDefinition(fh);
                    provider.Context = typeName + "." + md.GetString(field.Name);
                    field.DecodeSignature(provider, null);
                }
            }

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.TypeSpec); row++)
            {
                TypeSpecification spec = md.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
                provider.Context = $"TypeSpec row {row}";
                spec.DecodeSignature(provider, null);
            }

            int methodSpecs = md.GetTableRowCount(TableIndex.MethodSpec);
            if (methodSpecs > 0)
            {
                violations.Add($"{methodSpecs} generic method instantiation(s) (MethodSpec)");
            }

            foreach (MemberReferenceHandle mr in md.MemberReferences)
            {
                MemberReference member = md.GetMemberReference(mr);
                provider.Context = "member reference " + md.GetString(member.Name);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    member.DecodeMethodSignature(provider, null);
                }
                else
                {
                    member.DecodeFieldSignature(provider, null);
                }
            }

            for (int row = 1; row <= md.GetTableRowCount(TableIndex.StandAloneSig); row++)
            {
                StandaloneSignature sig = md.GetStandaloneSignature(MetadataTokens.StandaloneSignatureHandle(row));
                provider.Context = $"local or call-site signature row {row}";
                if (sig.GetKind() == StandaloneSignatureKind.LocalVariables)
                {
                    sig.DecodeLocalSignature(provider, null);
                }
                else
                {
                    sig.DecodeMethodSignature(provider, null);
                }
            }

            violations.AddRange(provider.Found);
            return violations;
        }

        private static string FullName(MetadataReader md, TypeDefinition type)
        {
            string ns = md.GetString(type.Namespace);
            string name = md.GetString(type.Name);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        /// <summary>Decodes signatures to names and records every generic construct it meets.</summary>
        private sealed class GenericDetector : ISignatureTypeProvider<string, object>
        {
            private readonly MetadataReader _md;
            private readonly HashSet<string> _found = new HashSet<string>();

            public GenericDetector(MetadataReader md) => _md = md;

            public string Context { get; set; } = "";

            public IEnumerable<string> Found => _found;

            public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
            {
                string text = genericType + "<" + string.Join(",", typeArguments) + ">";
                _found.Add($"generic instantiation {text} in {Context}");
                return text;
            }

            public string GetGenericMethodParameter(object genericContext, int index)
            {
                _found.Add($"generic method parameter !!{index} in {Context}");
                return "!!" + index;
            }

            public string GetGenericTypeParameter(object genericContext, int index)
            {
                _found.Add($"generic type parameter !{index} in {Context}");
                return "!" + index;
            }

            public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
            public string GetByReferenceType(string elementType) => elementType + "&";
            public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
            public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
            public string GetPinnedType(string elementType) => elementType;
            public string GetPointerType(string elementType) => elementType + "*";
            public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
            public string GetSZArrayType(string elementType) => elementType + "[]";

            public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
                => reader.GetString(reader.GetTypeDefinition(handle).Name);

            public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
                => reader.GetString(reader.GetTypeReference(handle).Name);

            public string GetTypeFromSpecification(MetadataReader reader, object genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
                => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }
    }
}
