// Tertial in Azure: a Linux App Service (Node 22 LTS, two or more instances) running the app, Cosmos DB
// for NoSQL (serverless) with the database and every container declared here, Key Vault with the app's
// secrets, Application Insights, and a user-assigned managed identity that the app uses for Cosmos
// (data-plane RBAC only, local auth disabled) and for Key Vault references.
//
// The bot's Entra app and Azure Bot registration come from the Teams Developer CLI (teams app create
// --azure), which prints the client id and secret passed here. Steps: docs/deploy.md. With the Microsoft
// 365 Agents Toolkit, agents-toolkit.bicep deploys this file as a module and adds the Azure Bot.
//
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.local.json -p @<secrets file>
//
// main.parameters.local.json is an uncommitted copy of main.parameters.json; the secrets file holds
// botAppPassword and reportLinkKey and is written and removed around the command (docs/deploy.md).

@description('Base name for every resource, e.g. tertial-ange')
param name string

@description('Entra tenant of the municipality (single-tenant bot)')
param tenantId string = subscription().tenantId

param location string = resourceGroup().location

@description('Client id of the bot\'s Entra app (CLIENT_ID from teams app create)')
param botAppId string

@secure()
@description('Client secret of the bot\'s Entra app (CLIENT_SECRET from teams app create); stored in Key Vault only')
param botAppPassword string

@secure()
@minLength(32)
@description('Key that signs report links, shared by every instance: generated once by the admin (openssl rand -base64 48) and passed unchanged to every deployment, so published links keep working')
param reportLinkKey string

@description('Comma-separated aadObjectIds of Tertial admins')
param admins string = ''

@description('Comma-separated aadObjectIds of ledningsgrupp members')
param ledningsgrupp string = ''

@description('App Service plan SKU (Basic or higher: health check and several instances)')
param planSku string = 'B1'

@minValue(2)
@description('Instances of the app; Cosmos decides which one sends, so any number works')
param instances int = 2

@description('Catalogue id of the Tertial app in the organisation\'s Teams app catalogue: turns on proactive install through Graph (empty: off)')
param teamsCatalogAppId string = ''

var cosmosDatabase = 'tertial'

// Every container with its partition key: the same list as services/store/containers.ts (a test compares
// them). No query orders by more than one property, so the default indexing policy (every path) serves all.
var containers = [
  { name: 'plans', partitionKey: '/year' }
  { name: 'owners', partitionKey: '/id' }
  { name: 'rounds', partitionKey: '/year' }
  { name: 'reports', partitionKey: '/roundId' }
  { name: 'assessments', partitionKey: '/roundId' }
  { name: 'outcomes', partitionKey: '/year' }
  { name: 'outbox', partitionKey: '/roundId' }
  { name: 'publications', partitionKey: '/scope' }
  { name: 'conversations', partitionKey: '/id' }
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai'
  location: location
  kind: 'web'
  properties: { Application_Type: 'Node.JS', WorkspaceResourceId: logs.id }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: '${name}-cosmos'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [ { locationName: location, failoverPriority: 0 } ]
    capabilities: [ { name: 'EnableServerless' } ]
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabase
  properties: { resource: { id: cosmosDatabase } }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: {
      id: c.name
      partitionKey: { paths: [ c.partitionKey ], kind: 'Hash', version: 2 }
      indexingPolicy: { indexingMode: 'consistent', automatic: true, includedPaths: [ { path: '/*' } ], excludedPaths: [ { path: '/"_etag"/?' } ] }
    }
  }
}]

// Cosmos DB Built-in Data Contributor for the app's identity: items only; the containers above are
// created here, the app only checks them
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, 'data-contributor')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${replace(name, '-', '')}kv${uniqueString(resourceGroup().id)}', 24)
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: { value: botAppPassword }
}

resource reportLinkSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'report-link-key'
  properties: { value: reportLinkKey }
}

// Key Vault Secrets User for the app's identity (resolves the references in the app settings)
resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, 'secrets-user')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  kind: 'linux'
  sku: { name: planSku, capacity: instances }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${name}-app'
  location: location
  kind: 'app,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  dependsOn: [ sqlContainers, vaultSecretsUser, cosmosDataContributor ]
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      appCommandLine: 'node dist/bot/main.js --no-playground'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // readiness: the store answers; an instance that fails it is taken out of the load balancer
      healthCheckPath: '/readyz'
      appSettings: [
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppId', value: botAppId }
        { name: 'MicrosoftAppPassword', value: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUriWithVersion})' }
        { name: 'MicrosoftAppTenantId', value: tenantId }
        { name: 'TEAMS_TENANT_ID', value: tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabase }
        { name: 'REPORT_LINK_KEY', value: '@Microsoft.KeyVault(SecretUri=${reportLinkSecret.properties.secretUriWithVersion})' }
        { name: 'PUBLIC_BASE_URL', value: 'https://${name}-app.azurewebsites.net' }
        { name: 'TERTIAL_ADMINS', value: admins }
        { name: 'TERTIAL_LEDNINGSGRUPP', value: ledningsgrupp }
        { name: 'TEAMS_CATALOG_APP_ID', value: teamsCatalogAppId }
        { name: 'DEMO_DATA', value: 'false' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'WEBSITE_HEALTHCHECK_MAXPINGFAILURES', value: '3' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
      ]
    }
  }
}

output appHostName string = app.properties.defaultHostName
output botEndpoint string = 'https://${app.properties.defaultHostName}/api/messages'
output keyVaultName string = vault.name
output cosmosEndpoint string = cosmos.properties.documentEndpoint
