/** Field paths most layouts print, for the `expected` lists of the entries. */
export const BASE_FIELDS = ['department.name', 'year', 'budget.initialBudget', 'budget.adjustedBudget', 'budget.actualSpending', 'budget.printed.executionRate'] as const;
