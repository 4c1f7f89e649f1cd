using Zkp.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddZkpApi();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseZkpApi();
await app.RunAsync();

public partial class Program;
