/** The Lambda runtime identifier for each simulated runtime (custom runtimes run on provided.al2023). */
export const LAMBDA_RUNTIME: Record<string, string> = {
  'nodejs22.x': 'nodejs22.x',
  'nodejs24.x': 'nodejs24.x',
  'python3.12': 'python3.12',
  'python3.13': 'python3.13',
  java21: 'java21',
  java25: 'java25',
  dotnet8: 'dotnet8',
  dotnet10: 'dotnet10',
  'dotnet8-aot': 'provided.al2023',
  'go-al2023': 'provided.al2023',
  'rust-al2023': 'provided.al2023',
  'ruby3.4': 'ruby3.4',
  'graalvm-java21': 'provided.al2023',
  'llrt-al2023': 'provided.al2023',
};
