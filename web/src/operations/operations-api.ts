import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type {
  Car,
  ContributionOutcome,
  Contributors,
  Kpis,
  OperationDetail,
  OperationSummary,
} from './types.js';

export const OPERATIONS = '/api/v1/operations';
export const operationPath = (id: string) => `${OPERATIONS}/${encodeURIComponent(id)}`;

/** Query keys: everything of one operation starts with ['operation', id], so a write refreshes it all. */
export const keys = {
  list: ['operations'] as const,
  /** Every query of every operation: writes refresh these (a page may name its operation by id or code). */
  all: ['operation'] as const,
  operation: (id: string) => ['operation', id] as const,
  targets: (id: string) => ['operation', id, 'targets'] as const,
  kpis: (id: string) => ['operation', id, 'kpis'] as const,
  cars: (id: string) => ['operation', id, 'cars'] as const,
  contributions: (id: string) => ['operation', id, 'contributions'] as const,
  outcomes: ['contribution-outcomes'] as const,
};

export const useOperations = () =>
  useQuery({
    queryKey: keys.list,
    queryFn: () => api<{ operations: OperationSummary[] }>(OPERATIONS),
  });

export const useOperation = (id: string) =>
  useQuery({
    queryKey: keys.operation(id),
    queryFn: () => api<OperationDetail>(operationPath(id)),
    retry: false,
  });

export const useKpis = (id: string) =>
  useQuery({ queryKey: keys.kpis(id), queryFn: () => api<Kpis>(`${operationPath(id)}/kpis`) });

export const useCars = (id: string) =>
  useQuery({
    queryKey: keys.cars(id),
    queryFn: () => api<{ cars: Car[]; pdf: boolean }>(`${operationPath(id)}/cars`),
  });

export const useContributions = (id: string) =>
  useQuery({
    queryKey: keys.contributions(id),
    queryFn: () => api<Contributors>(`${operationPath(id)}/contributions`),
  });

export const useContributionOutcomes = () =>
  useQuery({
    queryKey: keys.outcomes,
    queryFn: () => api<{ operations: ContributionOutcome[] }>('/api/v1/contributions/outcomes'),
  });

/** Leads, participating agencies and administrators manage targets and CARs (as the server decides). */
export const canManage = (role: string | undefined) =>
  role === 'lead' || role === 'participating-agency' || role === 'admin';
export const canContribute = (role: string | undefined) => canManage(role) || role === 'contributing-partner';
